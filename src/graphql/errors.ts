import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError, databaseUnavailable } from '../core/errors.js';
import { isDatabaseUnavailable } from '../shared/database-outage.js';
import type { Logger } from '../shared/logger.js';

export function toGraphQLError(err: AppError): GraphQLError {
  return new GraphQLError(err.message, { extensions: { code: err.code, reason: err.reason, ...err.details } });
}

/** The request an error arose in (Apollo's formatError is not told; its didEncounterErrors hook is). */
const requestOfError = new WeakMap<object, string>();
export const tagRequest = (error: object, requestId: string) => requestOfError.set(error, requestId);

/**
 * The one place GraphQL errors are rendered. Core errors keep their code, reason and details;
 * GraphQL's own (syntax, validation, variable coercion) pass through with their codes; anything else
 * is an internal fault: logged in full, answered with a reference only (never SQL or stack text).
 */
export function formatError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown, requestId?: string): GraphQLFormattedError => {
    requestId ??= typeof error === 'object' && error !== null ? requestOfError.get(error) : undefined;
    let original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
    // an outage, not a fault of the operation: a code the client can act on (HTTP answers 503)
    if (!(original instanceof AppError) && isDatabaseUnavailable(original)) {
      log.warn('database unavailable', { error: (original as Error)?.message, path: formatted.path, requestId });
      original = databaseUnavailable();
    }
    if (original instanceof AppError) {
      return { ...formatted, message: original.message, extensions: { code: original.code, reason: original.reason, ...original.details } };
    }
    const code = formatted.extensions?.code;
    if (code && code !== 'INTERNAL_SERVER_ERROR') {
      // `http` (the status a refusal asks for) is for the transport: Apollo takes it off over HTTP,
      // and over WebSocket or in-process nothing else would
      if (!formatted.extensions || !('http' in formatted.extensions)) return formatted;
      const { http: _http, ...extensions } = formatted.extensions;
      return { ...formatted, extensions };
    }
    // an error about the request itself, made before anything ran (a persisted query whose hash does
    // not match its text, an unsupported persisted-query version): no path, no underlying fault
    if (error instanceof GraphQLError && !error.originalError && !error.path) {
      return { message: formatted.message, extensions: { code: 'BAD_REQUEST' } };
    }
    const ref = Math.random().toString(36).slice(2, 10);
    log.error('internal error in GraphQL operation', { error: original, ref, path: formatted.path, requestId });
    return {
      message: `internal error (reference ${ref})`,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR', ref },
    };
  };
}
