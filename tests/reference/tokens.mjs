// Writes tokens.json: token counts of the strings below in o200k_base
// and cl100k_base, from an implementation independent of the app's
// (npm gpt-tokenizer, JavaScript). Not run by the tests; run by hand when
// the strings change:
//   npm install --prefix /tmp/ref gpt-tokenizer@4.0.0
//   NODE_PATH=/tmp/ref/node_modules node tests/reference/tokens.mjs
// Special tokens are read as ordinary text, as a chat tool reads a pasted
// prompt. A case with `repeat` is its text repeated that many times.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const require = createRequire(`${process.env.NODE_PATH}/`);
const o200k = require('gpt-tokenizer/cjs/encoding/o200k_base');
const cl100k = require('gpt-tokenizer/cjs/encoding/cl100k_base');
const pkg = require('gpt-tokenizer/package.json');

const CASES = [
  { name: 'empty', text: '' },
  { name: 'english', text: 'You are a careful code reviewer. Be concise, and explain every finding.' },
  {
    name: 'markdown persona',
    text: '# Reviewer\n\nYou review pull requests.\n\n## Rules\n\n- Be kind.\n- Cite the line.\n  - Nested: quote it.\n1. First\n2. Second\n\n> A quote.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n',
  },
  { name: 'rust', text: 'fn main() {\n    let xs: Vec<u32> = (0..10).map(|x| x * x).collect();\n    println!("{xs:?}");\n}\n' },
  { name: 'python', text: 'def f(x):\n    """Square."""\n    return {k: v**2 for k, v in x.items() if v > 0}\n' },
  { name: 'json', text: '{"name": "reviewer", "tools": ["Read", "Grep"], "model": "sonnet", "n": 3.14e-2}' },
  { name: 'yaml frontmatter', text: '---\nname: code-reviewer\ndescription: Reviews code. Use after edits.\ntools: Read, Grep, Glob\n---\n' },
  { name: 'chinese', text: '你是一位经验丰富的软件工程师，请用简洁的中文回答问题，并给出代码示例。' },
  { name: 'japanese', text: 'あなたは親切なアシスタントです。日本語で丁寧に、簡潔に答えてください。' },
  { name: 'korean', text: '당신은 친절한 도우미입니다. 한국어로 간결하게 답하세요.' },
  { name: 'russian', text: 'Ты — внимательный рецензент кода. Отвечай кратко и по делу.' },
  { name: 'arabic', text: 'أنت مساعد مفيد. أجب باختصار ووضوح.' },
  { name: 'hindi', text: 'आप एक सहायक हैं। संक्षेप में उत्तर दें।' },
  { name: 'greek accents', text: 'Ελληνικά, café, naïve, Ångström, Straße.' },
  { name: 'emoji', text: '👍🏽 👨‍👩‍👧‍👦 🏳️‍🌈 ✨🚀 ❤️' },
  { name: 'special token text', text: 'Stop at <|endoftext|> or <|im_start|>system.' },
  { name: 'whitespace', text: '   leading\n\n\n  \t trailing   \n\u00a0nbsp\u2028ls\n' },
  { name: 'crlf', text: 'line one\r\nline two\r\n\r\n- item\r\n' },
  { name: 'slash after line feed', text: 'path:\n/usr/bin\n//comment\n!\n/x' },
  { name: 'spaces then word', text: ' '.repeat(5000) + 'x' },
  { name: 'one long word', text: 'a'.repeat(3000) },
  { name: 'line feeds', text: '\n'.repeat(1000) },
  { name: 'digits', text: '1234567890'.repeat(100) },
  { name: 'repeated phrase', text: 'ab ', repeat: 2000 },
  {
    name: 'long document (over one piece)',
    text: '## Heading\n- item one\n  nested line\n/path/to/file\n```rust\nfn main() {}\n```\nPlain prose, with punctuation; and more.\n\n',
    repeat: 800,
  },
];

const cases = CASES.map((c) => {
  const text = c.text.repeat(c.repeat ?? 1);
  const opts = { disallowedSpecial: new Set() };
  return { ...c, o200k_base: o200k.encode(text, opts).length, cl100k_base: cl100k.encode(text, opts).length };
});
const out = { source: `npm gpt-tokenizer ${pkg.version}`, cases };
writeFileSync(new URL('./tokens.json', import.meta.url), JSON.stringify(out, null, 1) + '\n');
console.log(`tokens.json: ${cases.length} cases from ${out.source}`);
