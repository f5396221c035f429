// Where a user may be sent after login or a language switch: only a path on this site.
// Browsers forgive a lot in a Location header (they drop tabs and newlines, read `\` as
// `/`, and take `//host` as another host), so anything unusual is refused outright
// rather than cleaned: control characters, backslashes, characters outside printable
// ASCII (a raw one in a header would also make Node throw, i.e. a 500), and whatever
// does not resolve to a path on our own origin.
const DUMMY_ORIGIN = 'http://melayani.invalid'
const UNSAFE = /[^\x21-\x7e]|\\/ // anything but printable ASCII without space, or a backslash

export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/') {
  if (typeof to !== 'string' || to.length === 0 || to.length > 2048) return fallback
  if (!to.startsWith('/') || to.startsWith('//') || UNSAFE.test(to)) return fallback
  let url: URL
  try {
    url = new URL(to, DUMMY_ORIGIN)
  } catch {
    return fallback
  }
  if (url.origin !== DUMMY_ORIGIN) return fallback
  // Dot-segments normalise away: "/.//evil.example" becomes "//evil.example", which a
  // browser reads as another host. Check the normalised path, not only the input.
  if (url.pathname.startsWith('//')) return fallback
  // Redirect to the normalised form, so the browser gets exactly what we checked.
  return url.pathname + url.search + url.hash
}
