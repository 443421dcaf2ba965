import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './server';

// The transport comes from the command line: --stdio (any LSP editor), --node-ipc (VS Code), --socket=N.
const connection = createConnection(ProposedFeatures.all);

// One failed promise (a client that refuses a request, a rule that throws asynchronously) must
// never take the server down with every open document: log it and keep serving.
process.on('unhandledRejection', (reason) => connection.console.error(`fipslint: unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`));

startServer(connection);
