import { isIPv4, isIPv6 } from 'node:net';
import { z } from 'zod';

/** The worker's Prometheus endpoint when TIDEWAY_WORKER_METRICS_ADDRESS is unset. */
export const DEFAULT_WORKER_METRICS_ADDRESS = '0.0.0.0:9464';

const ADDRESS_FORMAT = 'an IP address and port like 0.0.0.0:9464 or [::]:9464 (no host name), or "off"';

/** `ip:port` or `[ipv6]:port`, as the SDK's exporter binds it: a host name is refused there, so here too. */
export function isBindAddress(value: string): boolean {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(value);
  if (!match) return false;
  const [, ipv6, ipv4, port] = match;
  const host = ipv6 !== undefined ? isIPv6(ipv6) : isIPv4(ipv4!);
  return host && Number(port) >= 1 && Number(port) <= 65535;
}

/** The metrics settings; config/env.ts validates them with every other setting. */
export const metricsFields = {
  /**
   * Where the worker serves the Temporal SDK's metrics and Tideway's business counters, in Prometheus
   * format at `/metrics`; `off` serves none. Each worker on one machine needs its own port.
   * An empty value counts as unset. The API's metrics are on its own port, at `GET /metrics`.
   * @default '0.0.0.0:9464'
   */
  TIDEWAY_WORKER_METRICS_ADDRESS: z.preprocess(
    (value) => (value === '' || value === undefined ? DEFAULT_WORKER_METRICS_ADDRESS : value),
    z
      .string()
      .refine((value) => value === 'off' || isBindAddress(value), ADDRESS_FORMAT)
      .transform((value) => (value === 'off' ? undefined : value)),
  ),
};
