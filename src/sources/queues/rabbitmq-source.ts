import { type Channel, type ChannelModel, connect } from 'amqplib';
import { errorCode, errorFacts } from '../../util/error-code.js';
import { redactText, redactUrl } from '../../util/redact.js';
import { QueueDepthSource } from './queue-depth-source.js';
import type { DepthPoint, QueueFlow } from './queue-evidence.js';

export interface RabbitMqSourceOptions {
  url: string;
  /** Queue names; Celery's default queue "celery" when empty. */
  names: string[];
  required: boolean;
  id?: string;
  connectTimeoutMs?: number;
}

/**
 * RabbitMQ queues by passive declare (checkQueue): ready messages and consumers, no management plugin needed.
 * The broker closes the channel when a queue is missing; that closes only the channel, which is opened again
 * on the next sample, and a lost connection is dialled again once per sample.
 */
export class RabbitMqSource extends QueueDepthSource {
  readonly id: string;
  readonly kind = 'rabbitmq';
  readonly required: boolean;
  private connection: ChannelModel | undefined;
  private channel: Channel | undefined;
  private closing = false;

  constructor(private readonly options: RabbitMqSourceOptions) {
    super(options.names);
    this.id = options.id ?? 'rabbitmq';
    this.required = options.required;
  }

  /**
   * AMQP 0-9-1 gives a queue's ready messages and consumers (passive declare) but no publish or deliver counter;
   * those live in the management plugin's HTTP API, which this source does not use. Tasks a consumer takes within a
   * sampling interval are therefore not seen.
   */
  protected override async flow(): Promise<QueueFlow> {
    return { by_queue: {}, measured_by: 'depth samples only (AMQP passive declare has no publish counter)' };
  }

  describe(): string {
    return `rabbitmq ${redactUrl(this.options.url)} (queues ${this.names.join(', ')}: ready messages, consumers)`;
  }

  async open(): Promise<void> {
    this.closing = false;
    await this.read(0);
  }

  async close(): Promise<void> {
    this.closing = true;
    const connection = this.connection;
    this.connection = undefined;
    this.channel = undefined;
    if (connection) await connection.close().catch(() => undefined);
  }

  protected async read(t: number): Promise<DepthPoint> {
    const channel = await this.openChannel();
    const by_queue: Record<string, number> = {};
    const consumers: Record<string, number> = {};
    for (const name of this.names) {
      try {
        const ok = await channel.checkQueue(name);
        by_queue[name] = ok.messageCount;
        consumers[name] = ok.consumerCount;
      } catch (error) {
        throw new Error(queueFailure(name, error as Error));
      }
    }
    const total = Object.values(by_queue).reduce((a, b) => a + b, 0);
    return { t, total, by_queue, consumers };
  }

  private async openChannel(): Promise<Channel> {
    if (this.channel) return this.channel;
    const connection = this.connection ?? (await this.connect());
    const channel = await connection.createChannel();
    // Without an 'error' listener a channel closed by the broker (404 on a missing queue) throws out of the
    // socket handler.
    channel.on('error', () => undefined);
    channel.on('close', () => {
      if (this.channel === channel) this.channel = undefined;
    });
    this.channel = channel;
    return channel;
  }

  private async connect(): Promise<ChannelModel> {
    let connection: ChannelModel;
    try {
      connection = await connect(this.options.url, {
        timeout: this.options.connectTimeoutMs ?? 5000,
        clientProperties: { connection_name: 'scale-audit' },
      });
    } catch (error) {
      throw new Error(amqpFailureReason(error as Error));
    }
    connection.on('error', () => undefined);
    connection.on('close', () => {
      if (this.connection === connection) {
        this.connection = undefined;
        this.channel = undefined;
      }
    });
    if (this.closing) {
      await connection.close().catch(() => undefined);
      throw new Error('closed');
    }
    this.connection = connection;
    return connection;
  }
}

function queueFailure(name: string, error: Error): string {
  const code = errorFacts(error).numeric;
  if (code === 404 || /NOT_FOUND|404/.test(error.message))
    return `queue "${name}" not found (404): ${redactText(error.message)}`;
  return `queue "${name}": ${redactText(error.message)}`;
}

function amqpFailureReason(error: Error): string {
  const code = errorCode(error);
  const message = error.message;
  if (/ACCESS_REFUSED|403|PLAIN login refused|authentication/i.test(message))
    return redactText(`authentication failed: ${message}`);
  if (code === 'ECONNREFUSED') return redactText(`connection refused: ${message}`);
  if (code === 'ETIMEDOUT' || /ETIMEDOUT|timed? ?out/i.test(message)) return redactText(`connect timeout: ${message}`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return redactText(`host not found: ${message}`);
  return redactText(message);
}
