import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './server';

// The transport comes from the command line: --stdio (any LSP editor), --node-ipc (VS Code), --socket=N.
startServer(createConnection(ProposedFeatures.all));
