const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = `(?<month>${MONTHS.join('|')})`;
const TIME = '(?<hour>\\d{2}):(?<minute>\\d{2}):(?<second>\\d{2})';

type Groups = Record<string, string | undefined>;

interface HttpDateForm {
  pattern: RegExp;
  year: (digits: number, now: Date) => number;
}

const fullYear = (digits: number): number => digits;

// RFC 9110: a two-digit year more than 50 years in the future means the previous century.
function rfc850Year(digits: number, now: Date): number {
  const currentYear = now.getUTCFullYear();
  const candidate = currentYear - (currentYear % 100) + digits;
  return candidate > currentYear + 50 ? candidate - 100 : candidate;
}

// The three HTTP-date forms every recipient must accept (RFC 9110, section 5.6.7), all in GMT.
const FORMS: readonly HttpDateForm[] = [
  // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
  {
    pattern: new RegExp(`^[A-Z][a-z]{2}, (?<day>\\d{2}) ${MONTH} (?<year>\\d{4}) ${TIME} GMT$`),
    year: fullYear,
  },
  // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
  {
    pattern: new RegExp(`^[A-Z][a-z]+, (?<day>\\d{2})-${MONTH}-(?<year>\\d{2}) ${TIME} GMT$`),
    year: rfc850Year,
  },
  // asctime: Sun Nov  6 08:49:37 1994
  {
    pattern: new RegExp(`^[A-Z][a-z]{2} ${MONTH} (?<day>[ \\d]\\d) ${TIME} (?<year>\\d{4})$`),
    year: fullYear,
  },
];

function toDate(groups: Groups, year: number): Date | undefined {
  const month = MONTHS.indexOf(groups.month ?? '');
  const [day, hour, minute, second] = [groups.day, groups.hour, groups.minute, groups.second].map(
    Number,
  );
  const date = new Date(Date.UTC(year, month, day ?? NaN, hour, minute, second));
  // Date.UTC rolls 31 Feb over into March and 25:00 into the next day; a real date-time
  // survives the round trip unchanged.
  const real =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  return real ? date : undefined;
}

/** Parses an HTTP-date in any of its three forms; undefined for anything else. */
export function parseHttpDate(value: string, now: Date): Date | undefined {
  for (const form of FORMS) {
    const groups = form.pattern.exec(value)?.groups;
    if (groups !== undefined) return toDate(groups, form.year(Number(groups.year), now));
  }
  return undefined;
}
