/** The OpenAPI operation of the API's Prometheus endpoint (api/metrics.ts). */
export const metricsPaths = {
  '/metrics': {
    get: {
      summary: "Prometheus metrics: requests by route and status, events taken in, tasks completed, the process's figures. No credentials and no personal data; keep it off the public internet",
      security: [],
      responses: { 200: { description: 'Prometheus text format 0.0.4', content: { 'text/plain': { schema: { type: 'string' } } } } },
    },
  },
};
