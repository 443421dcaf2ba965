import * as v8 from 'node:v8';
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './server';

// Every analysis leaves its trees behind as garbage; V8's default heap growth lets a long editing
// session sit on hundreds of megabytes of it. A 10% growth factor keeps the server near its live
// size (a soft factor, not a limit: a large file still gets the memory it needs).
v8.setFlagsFromString('--heap-growing-percent=10');

// The transport comes from the command line: --stdio (any LSP editor), --node-ipc (VS Code), --socket=N.
const connection = createConnection(ProposedFeatures.all);

// One failed promise (a client that refuses a request, a rule that throws asynchronously) must
// never take the server down with every open document: log it and keep serving.
process.on('unhandledRejection', (reason) => connection.console.error(`fipslint: unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`));

startServer(connection);
