import http from "node:http";
import type { AddressInfo } from "node:net";

export interface NodeServer {
  /** "http://127.0.0.1:port" */
  origin: string;
  close(): Promise<void>;
}

/**
 * A real HTTP server on a free port around a Node handler, as Next.js calls a Pages Router API
 * route: Node's own request and response (the handlers here use nothing Next adds to them).
 */
export async function serveNode(handler: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void): Promise<NodeServer> {
  const server = http.createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
