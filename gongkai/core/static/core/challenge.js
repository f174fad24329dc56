// Register the proof-of-work worker of the vendored ALTCHA widget (same origin, so the strict
// Content-Security-Policy holds) before vendor/altcha/altcha.min.js defines <altcha-widget>.
// vendor/altcha/zh-cn.js, loaded just before this module, creates globalThis.$altcha.
const worker = new URL("../vendor/altcha/pbkdf2.js", import.meta.url).href;
for (const algorithm of ["PBKDF2/SHA-256", "PBKDF2/SHA-384", "PBKDF2/SHA-512"]) {
  globalThis.$altcha.algorithms.set(algorithm, () => new Worker(worker));
}
