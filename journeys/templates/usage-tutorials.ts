import type { TemplateCatalogue } from '../../domain/templates.js';

export const usageTutorialsTemplates: TemplateCatalogue = {
  'tutorial-getting-started': {
    en: {
      subject: 'Getting started with {{ brand }} in five minutes',
      text: 'Hi {{ name }},\n\nThe quickest way to get going is our five-minute getting-started guide: {{ handbookUrl }}\n\nOver the next two weeks we will send you a few short tutorials like this one; once you have finished setting up, they stop.\n\nThe {{ brand }} team',
    },
    'zh-CN': {
      subject: '{{ brand }} 入门:五分钟快速上手',
      text: '{{ name }},您好:\n\n上手最快的方式,是花五分钟看完这份入门指南:{{ handbookUrl }}\n\n接下来两周,我们会陆续发给您几篇简短的使用教程;您完成设置后就不再打扰。\n\n{{ brand }} 团队',
    },
  },
  'tutorial-key-features': {
    en: {
      subject: 'The three features our customers use every day',
      text: 'Hi {{ name }},\n\nThese are the three features our customers use most, each explained in two minutes: {{ handbookUrl }}\n\nThe {{ brand }} team',
    },
    'zh-CN': {
      subject: '老用户每天都在用的三个功能',
      text: '{{ name }},您好:\n\n这三个功能是老用户用得最多的,每个两分钟就能学会:{{ handbookUrl }}\n\n{{ brand }} 团队',
    },
  },
  'tutorial-power-tips': {
    en: {
      subject: 'One week in: tips that save you time',
      text: 'Hi {{ name }},\n\nYou have been with {{ brand }} for a week. A few shortcuts our regulars swear by: {{ handbookUrl }}\n\nThe {{ brand }} team',
    },
    'zh-CN': {
      subject: '用了一周,这些小技巧帮您省时间',
      text: '{{ name }},您好:\n\n您已经使用{{ brand }}一周了。分享几个老用户常用的省时技巧:{{ handbookUrl }}\n\n{{ brand }} 团队',
    },
  },
  'tutorial-get-help': {
    en: {
      subject: 'Stuck anywhere? We are here to help',
      text: 'Hi {{ name }},\n\nIf anything is still unclear, reply to this email and one of us will help you finish setting up. Everything is also in the handbook: {{ handbookUrl }}\n\nThe {{ brand }} team',
    },
    'zh-CN': {
      subject: '遇到问题了吗?我们随时帮您',
      text: '{{ name }},您好:\n\n如果还有哪里不清楚,直接回复这封邮件,会有专人协助您完成设置。所有说明也都在产品手册里:{{ handbookUrl }}\n\n{{ brand }} 团队',
    },
  },
};
