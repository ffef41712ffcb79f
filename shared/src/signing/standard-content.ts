/** Standard Webhooks signed content `{id}.{timestamp}.{body}`, in parts so raw bytes stay raw. */
export function standardSignedContent(
  id: string,
  timestamp: string,
  body: string | Uint8Array,
): readonly (string | Uint8Array)[] {
  return [`${id}.${timestamp}.`, body];
}
