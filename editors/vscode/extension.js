// The wskemu debugger type: VS Code starts `wskemu dap` and speaks the Debug Adapter Protocol with it.
const vscode = require('vscode');

function activate(context) {
  context.subscriptions.push(vscode.debug.registerDebugAdapterDescriptorFactory('wskemu', {
    createDebugAdapterDescriptor(session) {
      const command = vscode.workspace.getConfiguration('wskemu').get('path') || 'wskemu';
      const folder = session.workspaceFolder ? session.workspaceFolder.uri.fsPath : undefined;
      return new vscode.DebugAdapterExecutable(command, ['dap'], folder ? { cwd: folder } : undefined);
    },
  }));
}

function deactivate() {}

module.exports = { activate, deactivate };
