import "server-only";

/**
 * The socket's peer address of a request served through the pages/api adapter
 * (./node-api-route.ts), kept with the Request made from it. App Router handlers never see the
 * socket: Next.js writes the peer into X-Forwarded-For only when the client sent none, so there a
 * client can name any address it likes. Routes that throttle by address live in pages/api.
 */
const peers = new WeakMap<Request, string>();

export function rememberPeer(request: Request, address: string | undefined): void {
  if (address) peers.set(request, address);
}

export function peerAddressOf(request: Request): string | undefined {
  return peers.get(request);
}
