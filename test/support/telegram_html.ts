/**
 * A strict reader of the Telegram HTML our alerts use: only `<b>` and `<a href="…">`, the four
 * named entities, balanced tags. Throws on anything else, so a test fails when customer text
 * leaks markup. Returns the text as Telegram would show it, the tags and the link targets.
 */
export function parseTelegramHtml(html: string): { text: string; tags: string[]; links: string[] } {
  const entities: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };
  const token = /<(\/?)(b|a)(?: href="([^"<>]*)")?>|&(lt|gt|amp|quot);|[<>&]/g;
  const stack: string[] = [];
  const tags: string[] = [];
  const links: string[] = [];
  let text = "";
  let last = 0;
  for (const m of html.matchAll(token)) {
    text += html.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[4]) {
      text += entities[m[4]];
      continue;
    }
    if (!m[2]) {
      throw new Error(`stray "${m[0]}" at ${m.index}: ${html.slice(m.index, m.index + 40)}`);
    }
    if (m[1]) {
      if (stack.pop() !== m[2]) throw new Error(`unbalanced </${m[2]}> at ${m.index}`);
      continue;
    }
    if (m[2] === "a") {
      if (m[3] === undefined) throw new Error("<a> without href");
      links.push(m[3].replace(/&(lt|gt|amp|quot);/g, (_, e: string) => entities[e]));
    } else if (m[3] !== undefined) throw new Error("attribute on <b>");
    stack.push(m[2]);
    if (!tags.includes(m[2])) tags.push(m[2]);
  }
  if (stack.length) throw new Error(`unclosed <${stack.join(">, <")}>`);
  text += html.slice(last);
  return { text, tags, links };
}
