import { fileURLToPath } from 'node:url';
import { type SendPolicy, sendPolicySchema } from '../domain/send-policy.js';
import { loadJsonConfig } from './json-config.js';

/** Quiet hours and frequency caps: `config/send-policy.json`, or the file TIDEWAY_SEND_POLICY names. */
export const DEFAULT_SEND_POLICY_FILE = fileURLToPath(new URL('./send-policy.json', import.meta.url));

export function loadSendPolicy(file = DEFAULT_SEND_POLICY_FILE): SendPolicy {
  return loadJsonConfig(file, sendPolicySchema, 'Send policy');
}
