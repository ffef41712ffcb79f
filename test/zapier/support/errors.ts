/** The error a promise rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected the promise to reject');
}

/**
 * Zapier's Error and ThrottledError carry their fields as a JSON message, which is what the
 * platform reads; the other error classes carry plain text.
 */
export function errorFields(error: Error): Record<string, unknown> {
  const parsed: unknown = JSON.parse(error.message);
  if (typeof parsed !== 'object' || parsed === null)
    throw new Error(`not a JSON error: ${error.message}`);
  return { ...parsed };
}
