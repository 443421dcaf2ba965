import https from 'node:https';

export class UpstreamClient {
  private readonly agentOptions: https.AgentOptions;

  constructor(private readonly host: string, legacyPeer: boolean) {
    this.agentOptions = { keepAlive: true, servername: host };
    if (legacyPeer) {
      this.agentOptions.minVersion = 'TLSv1.1'; // expect: tls-version
    }
  }

  agent(): https.Agent {
    return new https.Agent(this.agentOptions);
  }
}

export function patchGlobalAgent(): void {
  https.globalAgent.options.minVersion = 'TLSv1'; // expect: tls-version
}
