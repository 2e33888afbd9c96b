/** Channels whose sends run on their own task queue, so each gets its own rate limit. */
export type SendChannel = 'email' | 'sms' | 'wecom';

/** The task queue a channel's send activities run on: `<queue>-email`, `<queue>-sms`, `<queue>-wecom`. */
export const channelTaskQueue = (taskQueue: string, channel: SendChannel) => `${taskQueue}-${channel}`;
