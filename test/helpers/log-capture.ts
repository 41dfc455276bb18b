/**
 * Reads the server's structured log lines in-process (a test server started with LOG_LEVEL=warn logs
 * to this process's stdout), so a test can check the precise reason logged under a response's
 * request id. Other output passes through untouched.
 */
export interface CapturedLogs {
  /** Log entries written under this request id. */
  of(requestId: string | null): Array<Record<string, unknown>>;
  /** Every entry captured (also those outside a request, such as start-up lines). */
  all(): Array<Record<string, unknown>>;
  restore(): void;
}

export function captureLogs(): CapturedLogs {
  const lines: Array<Record<string, unknown>> = [];
  const original = process.stdout.write;
  process.stdout.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
    if (text.startsWith('{"time":')) {
      for (const line of text.split('\n')) {
        if (!line) continue;
        try {
          lines.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          /* not ours */
        }
      }
      return true;
    }
    return (original as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof process.stdout.write;
  return {
    of: (requestId) => lines.filter((l) => l.requestId === requestId),
    all: () => [...lines],
    restore: () => {
      process.stdout.write = original;
    },
  };
}
