import { describe, expect, it } from "vitest";
import { isSafeLink, relative } from "../src/format.js";

describe("isSafeLink", () => {
  it.each(["/approvals/42", "https://example.com/a", "http://example.com"])("allows %s", (link) => {
    expect(isSafeLink(link)).toBe(true);
  });

  it.each(["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "//evil.example.com", "/\\evil.example.com", "ftp://x", "approvals/42"])(
    "refuses %s",
    (link) => {
      expect(isSafeLink(link)).toBe(false);
    },
  );
});

describe("relative", () => {
  const now = new Date("2026-12-03T12:00:00Z");
  const english = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

  it.each([
    ["2026-12-03T11:59:50Z", "now"],
    ["2026-12-03T11:57:00Z", "3 minutes ago"],
    ["2026-12-03T09:00:00Z", "3 hours ago"],
    ["2026-12-02T12:00:00Z", "yesterday"],
    ["2026-11-19T12:00:00Z", "2 weeks ago"],
  ])("says %s as %s", (at, expected) => {
    expect(relative(english, new Date(at), now)).toBe(expected);
  });

  it("speaks the browser's language", () => {
    const german = new Intl.RelativeTimeFormat("de", { numeric: "auto" });

    expect(relative(german, new Date("2026-12-03T11:57:00Z"), now)).toBe("vor 3 Minuten");
  });
});
