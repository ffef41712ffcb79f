export default async function globalTeardown() {
  await globalThis.__EMBEDDED_STORE__?.stop();
}
