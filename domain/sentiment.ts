/**
 * A small lexicon sentiment scorer for Chinese and English customer messages: enough to spot a
 * clearly angry or clearly happy message, not a language model. Measured on test/fixtures/sentiment.json.
 */

const NEGATIVE = [
  // English
  'angry', 'furious', 'terrible', 'awful', 'horrible', 'worst', 'useless', 'broken', 'refund', 'scam', 'disappointed',
  'disappointing', 'unacceptable', 'hate', 'rude', 'never again', 'cancel', 'complaint', 'waste', 'fraud', 'ridiculous',
  'poor', 'bad', 'late again', 'lawyer', 'sue', 'report you',
  // 中文
  '生气', '愤怒', '太差', '很差', '垃圾', '退款', '骗子', '失望', '投诉', '糟糕', '恶心', '再也不', '取消', '浪费', '欺骗',
  '气死', '差评', '坑人', '忽悠', '烂', '无语', '态度恶劣', '要求赔偿', '举报',
];
const POSITIVE = [
  'thank', 'thanks', 'great', 'love', 'excellent', 'amazing', 'happy', 'perfect', 'awesome', 'helpful', 'recommend', 'good',
  '谢谢', '感谢', '很好', '满意', '喜欢', '棒', '完美', '推荐', '赞', '好评', '开心', '不错', '给力',
];
const NEGATIONS = ['not ', "n't ", 'never ', 'no ', '不', '没', '别'];

function hits(text: string, words: string[]): { word: string; index: number }[] {
  return words.flatMap((word) => {
    const found: { word: string; index: number }[] = [];
    for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length)) found.push({ word, index: i });
    return found;
  });
}

/** True when a negation word stands just before `index` (e.g. "not good", "不满意"). */
function negated(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 6), index);
  return NEGATIONS.some((negation) => before.endsWith(negation) || before.endsWith(negation.trim()));
}

/** −1 (clearly negative) … 1 (clearly positive); 0 when nothing is said either way. */
export function sentimentScore(message: string): number {
  const text = message.toLowerCase();
  let score = 0;
  for (const { index } of hits(text, NEGATIVE)) score += negated(text, index) ? 0.5 : -1;
  // "不满意" contains "满意": a positive word right after a negation counts as negative.
  for (const { index } of hits(text, POSITIVE)) score += negated(text, index) ? -1 : 1;
  if (text.includes('!!') || text.includes('!!')) score *= 1.5;
  return Math.max(-1, Math.min(1, score / 2));
}

/** The threshold below which a message opens an urgent review. */
export const CLEARLY_NEGATIVE = -0.5;

export function isClearlyNegative(message: string): boolean {
  return sentimentScore(message) <= CLEARLY_NEGATIVE;
}

/**
 * What an event says of the customer's mood: the sentiment of its text, and why it opens an urgent
 * review (seed 000: 风险预警, 临时强制复核) when it does: a complaint, or a clearly negative message.
 */
export function riskOf(eventType: string, text: string): { sentiment: number; why?: string } {
  const sentiment = text ? sentimentScore(text) : 0;
  if (eventType === 'complaint.filed') return { sentiment, why: 'complaint filed' };
  if (eventType === 'customer.interacted' && sentiment <= CLEARLY_NEGATIVE) return { sentiment, why: `negative message: "${text.slice(0, 80)}"` };
  return { sentiment };
}
