/** What a server remembers of earlier desk intakes, to decide the next one without reading (see the class). */
import type { Account } from './applicant.ts';
import type { IntakeQuery, IntakeRead } from './read.ts';

const MAX_GUESSES = 10_000;

function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  if (map.size >= MAX_GUESSES) map.delete(map.keys().next().value!);
  map.set(key, value);
}

/**
 * What earlier desk intakes read, per server, so that the next one can be decided without a round trip:
 * the version in force per procedure and day, the calendar notices, officers' names and the account per
 * personal ID (none where none was seen). The write checks every guess (`IntakeCheck`); one that no longer
 * holds costs that intake a fresh read. Online intake reads the applicant's own account, so it always reads.
 */
export class IntakeGuesses {
  private readonly versions = new Map<
    string,
    Pick<IntakeRead, 'procedureId' | 'versionId' | 'implementing'>
  >();
  private readonly accounts = new Map<string, Account | null>();
  private readonly actorNames = new Map<string, string | null>();
  private noticesKey: string | null = null;

  guess(query: IntakeQuery): IntakeRead | undefined {
    if (query.accountId !== null || this.noticesKey === null) return undefined;
    const version = this.versions.get(`${query.procedure}|${query.day}`);
    const actorName = this.actorNames.get(query.actorId);
    if (!version || actorName === undefined) return undefined;
    const account = query.personalId === null ? null : (this.accounts.get(query.personalId) ?? null);
    return { ...version, noticesKey: this.noticesKey, account, actorName, guessed: true };
  }

  learn(query: IntakeQuery, read: IntakeRead): void {
    if (query.accountId !== null) return;
    const { procedureId, versionId, implementing } = read;
    remember(this.versions, `${query.procedure}|${query.day}`, { procedureId, versionId, implementing });
    if (query.personalId !== null) remember(this.accounts, query.personalId, read.account);
    remember(this.actorNames, query.actorId, read.actorName);
    this.noticesKey = read.noticesKey;
  }
}
