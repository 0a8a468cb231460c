// A real PowerShell grammar for tests: tree-sitter-powershell's WebAssembly build through
// web-tree-sitter (no native build). PowerShell's tokenizer treats the typographic quotes ‘ ’ ‚ ‛
// as ', the grammar does not, so they are mapped to ' before parsing (same length, same offsets):
// then the grammar splits strings exactly where PowerShell would.
import { createRequire } from 'node:module';
import { Language, Parser, type Node } from 'web-tree-sitter';

const require = createRequire(import.meta.url);
let parser: Parser | undefined;

export async function powershellParser(): Promise<Parser> {
  if (parser) return parser;
  await Parser.init();
  const language = await Language.load(require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm'));
  parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

export const asTokenizerSees = (script: string) => script.replace(/[\u2018\u2019\u201a\u201b]/g, "'");

export interface Parsed {
  ok: boolean;
  /** Every node type in order, string contents left out: the command's structure. */
  shape: string[];
  /** The texts of the single-quoted string tokens, as PowerShell decodes them. */
  strings: string[];
  /** Node types that would run or expand something inside a string. */
  expanding: string[];
}

export async function parsePowerShell(script: string): Promise<Parsed> {
  const p = await powershellParser();
  const tree = p.parse(asTokenizerSees(script))!;
  const shape: string[] = [];
  const strings: string[] = [];
  const expanding: string[] = [];
  const walk = (n: Node) => {
    shape.push(n.type);
    if (n.type === 'verbatim_string_characters') strings.push(n.text.slice(1, -1).replace(/''/g, "'"));
    if (['expandable_string_literal', 'sub_expression', 'expandable_here_string_literal'].includes(n.type))
      expanding.push(n.type);
    for (const c of n.children) if (c) walk(c);
  };
  walk(tree.rootNode);
  return { ok: !tree.rootNode.hasError, shape, strings, expanding };
}
