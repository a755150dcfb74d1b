export type TokenKind = "key" | "string" | "number" | "literal" | "plain";

export type Token = { kind: TokenKind; text: string };

// Every string is consumed whole, so scanning never starts inside one; a string cut off by the
// end of the text (a truncated request) still counts as one.
const TOKEN =
  /("(?:[^"\\]|\\.)*(?:"|$))(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b/g;

/**
 * Splits JSON text into runs for colouring. Everything between tokens is kept as plain text, so
 * joining the runs gives back the input exactly (tested), whatever the input is.
 */
export function tokenizeJson(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  const push = (kind: TokenKind, value: string) => {
    if (!value) return;
    const previous = tokens.at(-1);
    if (previous && previous.kind === kind && kind === "plain") previous.text += value;
    else tokens.push({ kind, text: value });
  };
  for (const match of text.matchAll(TOKEN)) {
    const index = match.index ?? 0;
    push("plain", text.slice(last, index));
    const [whole, quoted, colon, number, literal] = match;
    if (quoted !== undefined) {
      push(colon ? "key" : "string", quoted);
      if (colon) push("plain", colon);
    } else if (number !== undefined) {
      push("number", number);
    } else if (literal !== undefined) {
      push("literal", literal);
    }
    last = index + whole.length;
  }
  push("plain", text.slice(last));
  return tokens;
}
