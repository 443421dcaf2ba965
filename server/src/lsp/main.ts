import { isMainThread, workerData } from 'node:worker_threads';
import {
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  createConnection,
  createServerPipeTransport,
  createServerSocketTransport,
  type Connection,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';
import { runAnalysisWorker } from './off-thread';
import { startServer } from './server';

if (!isMainThread && (workerData as { fipslintAnalysisWorker?: boolean } | undefined)?.fipslintAnalysisWorker) {
  // The same bundle, started as the server's analysis worker (large or slow files): no connection.
  runAnalysisWorker();
} else {
  const { reader, writer, stdio } = transportFromArgv(process.argv.slice(2));
  let shutdownRequested = false;
  // A stream that stops making sense (a wrong Content-Length, bytes that are not JSON-RPC) cannot
  // be resynchronised: every later message would be read from the wrong offset, and the server
  // would sit there never answering. Exit instead, so the client's restart policy takes over.
  reader.onError((error) => {
    process.stderr.write(`fipslint: the language server's input is not valid LSP (${error.message.split('\n')[0]}); exiting so the editor can restart it\n`);
    process.exit(1);
  });
  reader.onClose(() => process.exit(shutdownRequested ? 0 : 1));
  const connection = createConnection(ProposedFeatures.all, reader, writer);
  // Over stdio, anything printed would corrupt the protocol stream: send console output to the client's log.
  if (stdio) routeConsoleTo(connection);

  // One failed promise (a client that refuses a request, a rule that throws asynchronously) must
  // never take the server down with every open document: log it and keep serving.
  process.on('unhandledRejection', (reason) => connection.console.error(`fipslint: unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`));

  startServer(connection, undefined, { workerEntry: __filename, onShutdown: () => (shutdownRequested = true) });
}

/** The transport the editor asked for on the command line: --stdio (any LSP editor), --node-ipc (VS Code), --socket=N, --pipe=NAME. */
function transportFromArgv(argv: string[]): { reader: MessageReader; writer: MessageWriter; stdio: boolean } {
  const value = (name: string): string | undefined => {
    const index = argv.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
    if (index < 0) return undefined;
    return argv[index].includes('=') ? argv[index].slice(name.length + 1) : argv[index + 1];
  };
  if (argv.includes('--node-ipc')) return { reader: new IPCMessageReader(process), writer: new IPCMessageWriter(process), stdio: false };
  const port = value('--socket');
  if (port !== undefined) {
    const [reader, writer] = createServerSocketTransport(Number(port));
    return { reader, writer, stdio: false };
  }
  const pipe = value('--pipe');
  if (pipe !== undefined) {
    const [reader, writer] = createServerPipeTransport(pipe);
    return { reader, writer, stdio: false };
  }
  if (argv.includes('--stdio')) return { reader: new StreamMessageReader(process.stdin), writer: new StreamMessageWriter(process.stdout), stdio: true };
  process.stderr.write('fipslint: start the language server with --stdio, --node-ipc, --socket=<port> or --pipe=<name>\n');
  process.exit(2);
}

function routeConsoleTo(connection: Connection): void {
  const text = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? (a.stack ?? a.message) : JSON.stringify(a))).join(' ');
  console.log = console.info = (...args: unknown[]) => connection.console.log(text(args));
  console.warn = (...args: unknown[]) => connection.console.warn(text(args));
  console.error = (...args: unknown[]) => connection.console.error(text(args));
}
