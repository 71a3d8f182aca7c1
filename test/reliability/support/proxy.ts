import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface RewritingProxy {
  url: string;
  /** What every `author_association` is rewritten to, from now on. */
  association: string;
  /** How many answers had an author_association rewritten. */
  rewritten: number;
  rewrite(text: string): string;
  close(): Promise<void>;
}

/**
 * An HTTP proxy in front of the simulator that rewrites every `author_association` in JSON answers, to
 * show Expedite never decides anything from it (GitHub reports private org members as NONE, and the
 * field cannot tell triage from read).
 */
export async function startRewritingProxy(target: string, association: string): Promise<RewritingProxy> {
  const proxy: RewritingProxy = {
    url: "",
    association,
    rewritten: 0,
    rewrite: (text) =>
      text.replace(/"author_association":"[A-Z_]+"/g, `"author_association":"${proxy.association}"`),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (
          typeof value === "string" &&
          !["host", "content-length", "connection", "if-none-match"].includes(name)
        )
          headers[name] = value;
      }
      const body = Buffer.concat(chunks);
      void fetch(new URL(req.url ?? "/", target), {
        method: req.method ?? "GET",
        headers,
        ...(body.length > 0 ? { body } : {}),
      })
        .then(async (answer) => {
          const text = await answer.text();
          const rewritten = proxy.rewrite(text);
          if (rewritten !== text) proxy.rewritten++;
          const out: Record<string, string> = {};
          answer.headers.forEach((value, name) => {
            if (
              !["content-length", "content-encoding", "transfer-encoding", "etag", "connection"].includes(
                name,
              )
            )
              out[name] = value;
          });
          res.writeHead(answer.status, out);
          res.end(rewritten);
        })
        .catch((error: unknown) => {
          res.writeHead(502);
          res.end(String(error));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
