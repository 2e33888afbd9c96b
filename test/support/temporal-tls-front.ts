/**
 * A TLS front for the test's Temporal dev server, which speaks plain gRPC: what a Temporal cluster
 * with mTLS, or Temporal Cloud with API keys, looks like to a client. It ends TLS (HTTP/2, ALPN h2),
 * demands a client certificate signed by `clientCa` and/or an `authorization: Bearer <apiKey>`
 * header when given them, and forwards each gRPC call (headers, messages, trailers) to the server.
 */
import http2, { type ClientHttp2Session, type IncomingHttpHeaders, type OutgoingHttpHeaders, type ServerHttp2Session, type ServerHttp2Stream } from 'node:http2';
import type { AddressInfo } from 'node:net';

export interface TlsFrontOptions {
  /** `host:port` of the plain gRPC server behind the front. */
  target: string;
  cert: Buffer;
  key: Buffer;
  /** Set: a client certificate signed by this CA is required (mTLS). */
  clientCa?: Buffer;
  /** Set: every call must carry `authorization: Bearer <apiKey>`, or is answered UNAUTHENTICATED. */
  apiKey?: string;
}

export interface TlsFront {
  /** `127.0.0.1:<port>`, to pass as TEMPORAL_ADDRESS. */
  address: string;
  /** Calls forwarded to the server. */
  forwarded: number;
  /** Why connections or calls were turned away, in order. */
  refused: string[];
  stop(): Promise<void>;
}

const { NGHTTP2_CANCEL, NGHTTP2_INTERNAL_ERROR, NGHTTP2_FLAG_END_STREAM } = http2.constants;
const GRPC_UNAUTHENTICATED = '16';

/** The headers without HTTP/2 pseudo-headers (`:path`, `:status`, …), which each hop sets itself. */
function plain(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith(':')));
}

/** Relays one call: the request's headers and messages up, the response's headers, messages and trailers back. */
function forward(stream: ServerHttp2Stream, headers: IncomingHttpHeaders, upstream: ClientHttp2Session): void {
  const request = upstream.request({ ':method': headers[':method'], ':path': headers[':path'], ...plain(headers) });
  let trailers: OutgoingHttpHeaders = {};
  request.on('trailers', (received) => (trailers = plain(received)));
  request.on('response', (response, flags) => {
    const head = { ':status': response[':status'], ...plain(response) };
    // A trailers-only answer (a gRPC error): headers and the end of the stream at once.
    if (flags & NGHTTP2_FLAG_END_STREAM) return stream.respond(head, { endStream: true });
    stream.respond(head, { waitForTrailers: true });
    stream.on('wantTrailers', () => stream.sendTrailers(trailers));
    request.pipe(stream);
  });
  stream.pipe(request);
  request.on('error', () => {
    if (!stream.destroyed) stream.close(NGHTTP2_INTERNAL_ERROR);
  });
  // The client gave up (a cancelled long poll, a closed connection): so does the call upstream.
  const cancel = () => {
    if (!request.closed) request.close(NGHTTP2_CANCEL);
  };
  stream.on('error', cancel);
  stream.on('close', cancel);
}

/** Starts a front on a free port of 127.0.0.1, before `options.target`. */
export async function startTlsFront(options: TlsFrontOptions): Promise<TlsFront> {
  const server = http2.createSecureServer({
    cert: options.cert,
    key: options.key,
    ALPNProtocols: ['h2'],
    ...(options.clientCa && { ca: options.clientCa, requestCert: true, rejectUnauthorized: true }),
  });
  const upstreams = new Map<ServerHttp2Session, ClientHttp2Session>();
  const front: TlsFront = { address: '', forwarded: 0, refused: [], stop };

  server.on('tlsClientError', (error) => front.refused.push(`TLS: ${error.message}`));
  server.on('session', (session) => {
    const upstream = http2.connect(`http://${options.target}`);
    upstream.on('error', () => session.destroy());
    upstreams.set(session, upstream);
    session.on('error', () => upstream.destroy());
    session.on('close', () => {
      upstreams.delete(session);
      upstream.close();
    });
  });
  server.on('stream', (stream, headers) => {
    if (options.apiKey && headers.authorization !== `Bearer ${options.apiKey}`) {
      front.refused.push(headers.authorization ? `API key: wrong key for ${headers[':path']}` : `API key: none for ${headers[':path']}`);
      stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': GRPC_UNAUTHENTICATED, 'grpc-message': 'invalid API key' }, { endStream: true });
      return;
    }
    const upstream = upstreams.get(stream.session as ServerHttp2Session);
    if (!upstream) return stream.close(NGHTTP2_INTERNAL_ERROR);
    front.forwarded += 1;
    forward(stream, headers, upstream);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  front.address = `127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const [session, upstream] of upstreams) {
      session.destroy();
      upstream.destroy();
    }
    await closed;
  }
  return front;
}
