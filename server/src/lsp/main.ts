import { isMainThread, workerData } from 'node:worker_threads';
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { runAnalysisWorker } from './off-thread';
import { startServer } from './server';

if (!isMainThread && (workerData as { fipslintAnalysisWorker?: boolean } | undefined)?.fipslintAnalysisWorker) {
  // The same bundle, started as the server's analysis worker (large or slow files): no connection.
  runAnalysisWorker();
} else {
  // The transport comes from the command line: --stdio (any LSP editor), --node-ipc (VS Code), --socket=N.
  const connection = createConnection(ProposedFeatures.all);

  // One failed promise (a client that refuses a request, a rule that throws asynchronously) must
  // never take the server down with every open document: log it and keep serving.
  process.on('unhandledRejection', (reason) => connection.console.error(`fipslint: unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`));

  startServer(connection, undefined, { workerEntry: __filename });
}
