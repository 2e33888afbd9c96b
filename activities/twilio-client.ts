import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';

const TWILIO_API = 'https://api.twilio.com';
/** Below the send activity's 1-minute start-to-close timeout, so a hung request fails retryably first. */
const REQUEST_TIMEOUT_MS = 15_000;

export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  /** For tests and self-hosted proxies: requests for https://api.twilio.com go here instead. */
  apiBaseUrl?: string;
}

/** A Twilio SDK client; with `apiBaseUrl`, pointed at that server through the SDK's `httpClient` option. */
export function createTwilioClient({ accountSid, authToken, apiBaseUrl }: TwilioSettings): twilio.Twilio {
  const httpClient = apiBaseUrl ? new RedirectingRequestClient(apiBaseUrl) : new twilio.RequestClient({ timeout: REQUEST_TIMEOUT_MS });
  return twilio(accountSid, authToken, { httpClient });
}

/** The SDK's own request client, with https://api.twilio.com replaced by another base URL. */
class RedirectingRequestClient extends twilio.RequestClient {
  private readonly baseUrl: string;

  constructor(baseUrl: string) {
    super({ timeout: REQUEST_TIMEOUT_MS });
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const uri = opts.uri.startsWith(TWILIO_API) ? this.baseUrl + opts.uri.slice(TWILIO_API.length) : opts.uri;
    return super.request<TData>({ ...opts, uri });
  }
}
