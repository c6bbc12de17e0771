import pg from 'pg';

/**
 * One connection that LISTENs on a channel for an in-memory cache, reconnecting after a second when lost.
 * `listening` is true only while notifications can arrive, so a cache serves nothing while it is false.
 * `onReset` is called whenever notifications may have been missed: when the connection is lost, once the
 * LISTEN is in place (what was read before may have missed one), and on stop.
 */
export class NotifyListener {
  private client: pg.Client | undefined;
  private listeningNow = false;
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: pg.ClientConfig,
    private readonly options: {
      channel: string;
      applicationName: string;
      onNotify: (payload: string | undefined) => void;
      onReset: () => void;
      onError?: ((err: unknown) => void) | undefined;
    },
  ) {}

  get listening(): boolean {
    return this.listeningNow;
  }

  async start(): Promise<void> {
    const { channel, applicationName, onNotify, onReset, onError } = this.options;
    const client = new pg.Client({ ...this.connection, application_name: applicationName });
    client.on('notification', (msg) => {
      if (msg.channel === channel) onNotify(msg.payload || undefined);
    });
    const lost = (err?: unknown) => {
      if (this.client !== client) return;
      this.listeningNow = false;
      this.client = undefined;
      onReset();
      if (err) onError?.(err);
      client.end().catch(() => undefined);
      if (!this.closed) this.retryTimer = setTimeout(() => void this.start().catch(lost), 1_000);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    this.client = client;
    await client.connect();
    await client.query(`LISTEN ${channel}`);
    onReset();
    this.listeningNow = true;
  }

  async stop(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    this.listeningNow = false;
    this.options.onReset();
    await client?.end().catch(() => undefined);
  }
}
