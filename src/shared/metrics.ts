/**
 * What the layers below the server report for the Prometheus metrics (README, "Metrics"). The
 * server (src/server/metrics.ts) implements it on its own prom-client registry and hands it to the
 * GraphQL pipeline and the adapters; each call is one counter increment, so recording stays cheap.
 * Every label value handed in is from a small fixed set (or capped by the implementation).
 */
export interface ServiceMetrics {
  /** A GraphQL operation ended (the pipeline's `log` step): its type, name, how it came, its errors' codes. */
  graphqlOperation(e: { type: string; name: string | null | undefined; via: string; errorCodes: readonly string[] }): void;
  /** A SCIM request was answered. `resource`: Users, Groups, Bulk, discovery or other; `idp`: okta, entra or other. */
  scimRequest(e: { resource: string; method: string; status: number; idp: string }): void;
  /** A POST to a SAML ACS was answered: `success`, `rejected` (the response failed validation: `reason` is the rejection), `refused` or `error`. */
  samlAcs(e: { result: 'success' | 'rejected' | 'refused' | 'error'; reason?: string }): void;
  /** A webhook delivery attempt ended: `succeeded` (2xx), `retry` (failed, tried again later) or `failed` (the schedule is exhausted). */
  webhookDelivery(e: { outcome: 'succeeded' | 'retry' | 'failed' }): void;
}

/** Records nothing: for a pipeline or adapter built without a server (unit tests, scripts). */
export const NO_METRICS: ServiceMetrics = {
  graphqlOperation() {},
  scimRequest() {},
  samlAcs() {},
  webhookDelivery() {},
};
