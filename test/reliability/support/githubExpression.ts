// Enough of GitHub Actions' expression language to evaluate the `concurrency.group` of the documented
// workflows against event contexts: literals, property paths, ||, &&, !, ==, !=, parentheses, and the
// functions contains/startsWith/format. Semantics follow GitHub's: `||` yields the first truthy operand,
// `&&` the last operand when all are truthy, a missing property is null, and null renders as ''.

type Value = string | number | boolean | null | Record<string, unknown> | unknown[];

const TOKEN = /\s*(\|\||&&|==|!=|!|\(|\)|,|\.|'(?:[^']|'')*'|-?\d+(?:\.\d+)?|[A-Za-z_][\w-]*)/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const match = TOKEN.exec(text);
    if (!match) throw new Error(`cannot read expression at: ${text.slice(TOKEN.lastIndex)}`);
    tokens.push(match[1]!);
  }
  return tokens;
}

const truthy = (v: Value | undefined) =>
  !(v === null || v === undefined || v === false || v === 0 || v === "");

export function evaluate(expression: string, context: Record<string, unknown>): Value {
  const tokens = tokenize(expression);
  let i = 0;
  const peek = () => tokens[i];
  const take = (want?: string) => {
    const t = tokens[i++];
    if (want !== undefined && t !== want) throw new Error(`expected ${want}, found ${t}`);
    return t!;
  };
  const or = (): Value => {
    let left = and();
    while (peek() === "||") {
      take();
      const right = and();
      left = truthy(left) ? left : right;
    }
    return left;
  };
  const and = (): Value => {
    let left = equality();
    while (peek() === "&&") {
      take();
      const right = equality();
      left = truthy(left) ? right : left;
    }
    return left;
  };
  const equality = (): Value => {
    let left = unary();
    while (peek() === "==" || peek() === "!=") {
      const op = take();
      const right = unary();
      const same =
        typeof left === "string" && typeof right === "string"
          ? left.toLowerCase() === right.toLowerCase()
          : left === right;
      left = op === "==" ? same : !same;
    }
    return left;
  };
  const unary = (): Value => {
    if (peek() === "!") {
      take();
      return !truthy(unary());
    }
    return primary();
  };
  const primary = (): Value => {
    const t = take();
    if (t === "(") {
      const v = or();
      take(")");
      return v;
    }
    if (t.startsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
    if (/^-?\d/.test(t)) return Number(t);
    if (t === "true" || t === "false") return t === "true";
    if (t === "null") return null;
    if (peek() === "(") {
      take("(");
      const args: Value[] = [];
      while (peek() !== ")") {
        args.push(or());
        if (peek() === ",") take(",");
      }
      take(")");
      return call(t, args);
    }
    let value: unknown = context[t] ?? null;
    while (peek() === ".") {
      take(".");
      const key = take();
      value =
        value !== null && typeof value === "object"
          ? ((value as Record<string, unknown>)[key] ?? null)
          : null;
    }
    return value as Value;
  };
  const result = or();
  if (i !== tokens.length) throw new Error(`unexpected ${tokens[i]} in ${expression}`);
  return result;
}

function call(name: string, args: Value[]): Value {
  const text = (v: Value) => (v === null ? "" : String(v));
  switch (name.toLowerCase()) {
    case "contains":
      return Array.isArray(args[0])
        ? args[0].some((x) => text(x as Value).toLowerCase() === text(args[1]!).toLowerCase())
        : text(args[0]!).toLowerCase().includes(text(args[1]!).toLowerCase());
    case "startswith":
      return text(args[0]!).toLowerCase().startsWith(text(args[1]!).toLowerCase());
    case "format":
      return text(args[0]!).replace(/\{(\d+)\}/g, (_, n: string) => text(args[Number(n) + 1] ?? null));
    default:
      throw new Error(`function ${name} is not supported here`);
  }
}

/** A string with `${{ }}` placeholders, as GitHub renders it. */
export function render(template: string, context: Record<string, unknown>): string {
  return template.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, inner: string) => {
    const v = evaluate(inner, context);
    return v === null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
  });
}
