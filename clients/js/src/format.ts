// Pure helpers of the inbox element, kept apart so that they can be tested without a DOM.

/** A path on this site or an http(s) URL; the server refuses others, and so does the page. */
export function isSafeLink(link: string): boolean {
  if (link.startsWith("/")) {
    return !link.startsWith("//") && !link.startsWith("/\\");
  }

  try {
    const url = new URL(link);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 31_536_000],
  ["month", 2_592_000],
  ["week", 604_800],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];

/** "3 minutes ago", "yesterday", in the browser's language. */
export function relative(format: Intl.RelativeTimeFormat, at: Date, now = new Date()): string {
  const seconds = Math.round((at.getTime() - now.getTime()) / 1000);

  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) {
      return format.format(Math.round(seconds / size), unit);
    }
  }

  return format.format(0, "second");
}
