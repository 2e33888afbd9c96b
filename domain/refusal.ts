import { CONSENT_CHANNELS, type ConsentChannel } from './consent.js';
import type { CustomerEvent } from './events.js';

/**
 * Spots a reply that says "no more" (不需要, 别再发了, stop, not interested) in Chinese and English: a
 * phrase list read clause by clause, with care for negation ("don't stop", 我不是不需要) and questions
 * (不需要付运费吗?). Not a language model; measured on test/fixtures/refusals.json.
 *
 * It runs inside journey runs, on the events they hear: a change to what it matches changes how runs
 * replay, so it goes behind `patched()` (workflows/patches.ts) like any other workflow change.
 */

interface RefusalRule {
  pattern: RegExp;
  /** Whether the phrase still refuses in a question: "can you stop texting me?" does, "不需要付运费吗?" does not. */
  inQuestions: boolean;
}

const rule = (pattern: RegExp, inQuestions = true): RefusalRule => ({ pattern, inQuestions });

const CONTACT_VERB = '(?:sending|texting|emailing|messaging|contacting|calling|spamming|bothering|harassing)';

const RULES: RefusalRule[] = [
  // 中文
  rule(/(?:别|不要|请勿)再?(?:给我)?发/),
  rule(/(?:别|不要|请勿)再?(?:给我)?(?:打扰|骚扰|联系|烦|推销|打电话)/),
  rule(/^不要了$/),
  rule(/不感兴趣|没兴趣|没有兴趣/),
  rule(/不(?:再)?需要(?=$|了|啦|谢|你们|这|那|再|优惠|券|服务|短信|消息|邮件|任何)/, false),
  rule(/不用(?:了|再|发|联系)/, false),
  rule(/退订|取消订阅|拉黑/),
  rule(/不想(?:再)?收到/),
  rule(/把我从.*(?:删|移除|去掉)/),
  rule(/停止(?:发送|推送|联系)/),
  // English
  rule(/^(?:please )?stop(?: it| now| please| thanks| thank you)*$/),
  rule(new RegExp(`\\b(?:stop|quit) ${CONTACT_VERB}\\b`)),
  rule(/\b(?:not|no longer|isn't|am not) interested\b/),
  rule(/\bunsubscribe\b/),
  rule(/\bopt(?:-| )?out\b/),
  rule(/\b(?:remove|take) me (?:off|from)\b/),
  rule(/\b(?:don't|do not|never) (?:ever )?(?:contact|text|email|message|call) (?:me|this number|us)\b/),
  rule(/\b(?:don't|do not) send (?:me )?(?:any )?(?:more|further|these|those|such)\b/),
  rule(/\bleave me alone\b/),
  rule(/^no,? (?:thanks|thank you)\b/),
  rule(/\bnot for me\b/),
  rule(/\b(?:don't|do not) (?:want|need) (?:it|this|that|them|these|those|any|your)\b/, false),
];

/** Just before a phrase, these turn it round: "don't stop", "can't stop", 不是不需要. */
const NEGATED_BEFORE = /(?:\b(?:don't|do not|never|can't|cannot|won't|wouldn't)\s*|不是|并非|没说)$/;
/** Anywhere before a phrase in its clause, these report or deny it rather than say it. */
const HEDGED_BEFORE = /\b(?:not saying|didn't say|never said|not that)\b/;

/** Lower case, one kind of apostrophe, and ASCII clause punctuation for the full-width kinds. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[，、]/g, ',')
    .replace(/[。]/g, '.')
    .replace(/[！]/g, '!')
    .replace(/[？]/g, '?')
    .replace(/[；]/g, ';');
}

/** The clauses of a message, each with whether it asks something. */
function clauses(text: string): { clause: string; question: boolean }[] {
  return [...normalise(text).matchAll(/([^,.;!?\n]+)([,.;!?\n]*)/g)]
    .map(([, body, punctuation]) => ({ clause: body!.trim(), question: punctuation!.includes('?') || /吗$/.test(body!.trim()) }))
    .filter(({ clause }) => clause.length > 0);
}

/** The refusing phrase of a message (as written, lower case), or undefined when it refuses nothing. */
export function refusalPhrase(text: string): string | undefined {
  for (const { clause, question } of clauses(text)) {
    for (const { pattern, inQuestions } of RULES) {
      if (question && !inQuestions) continue;
      const match = pattern.exec(clause);
      if (!match) continue;
      const before = clause.slice(0, match.index);
      if (NEGATED_BEFORE.test(before) || HEDGED_BEFORE.test(before)) continue;
      return match[0].trim();
    }
  }
  return undefined;
}

/** A customer's refusal: what they said, and the channel it came through (null: one without marketing consent). */
export interface Refusal {
  phrase: string;
  text: string;
  channel: ConsentChannel | null;
}

/**
 * The refusal an event carries: its `properties.text` refuses. The channel is `properties.channel`
 * (`sms`, `email`, …), `email` when absent.
 */
export function refusalIn(event: Pick<CustomerEvent, 'properties'>): Refusal | undefined {
  const { text, channel = 'email' } = event.properties;
  if (typeof text !== 'string') return undefined;
  const phrase = refusalPhrase(text);
  if (!phrase) return undefined;
  const consentChannel = CONSENT_CHANNELS.find((known) => known === channel) ?? null;
  return { phrase, text, channel: consentChannel };
}

const SHOWN_TEXT = 80;

/** The reason a refused run ends with: the phrase and the reply, cut to a readable length. */
export function refusalReason({ phrase, text, channel }: Refusal): string {
  const shown = text.length > SHOWN_TEXT ? `${text.slice(0, SHOWN_TEXT)}…` : text;
  return `refused "${phrase}"${channel ? ` (${channel})` : ''}: ${shown}`;
}
