import type { Topology } from '../../shared/domain/topology';
import { findConflicts, negotiationVerdict, ownDomainIssues, type Partner } from '../../shared/partners/partner';
import { partnersAsJson, partnersAsPowerShell } from '../../shared/partners/powershell';
import { RpcError, type FieldIssue } from '../../shared/rpc/protocol';
import type { AppStore } from '../store/app-store';

/** Issues for a list that would be saved, pointed at `prefix` (the argument holding the partners). */
function listIssues(
  list: Partner[],
  checked: number[],
  prefix: (index: number) => (string | number)[],
  topology: Topology | null,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const index of checked) {
    const partner = list[index];
    for (const own of ownDomainIssues(partner, topology)) issues.push({ ...own, path: [...prefix(index), ...own.path] });
    const verdict = negotiationVerdict(partner.tlsNegotiation, partner.saslNegotiation, partner.supportDialbackNegotiation);
    if (verdict.level === 'invalid')
      issues.push({ path: [...prefix(index), verdict.field], reason: verdict.reason, message: `${partner.domain}: ${verdict.message}` });
  }
  for (const conflict of findConflicts(list)) {
    if (checked.includes(conflict.index))
      issues.push({
        path: [...prefix(conflict.index), ...conflict.path],
        reason: conflict.reason,
        message: conflict.message,
        params: conflict.params,
      });
  }
  return issues;
}

/** The federation partner list, kept in the store and replaced atomically. */
export class PartnerService {
  constructor(private readonly store: AppStore) {}

  list(): Partner[] {
    return this.store.get('partners');
  }

  commit(partner: Partner, replacing?: string): Partner[] {
    return this.store.update((tx) => {
      const current = tx.get('partners');
      const position = replacing === undefined ? -1 : current.findIndex((p) => p.domain === replacing);
      if (replacing !== undefined && position < 0)
        throw new RpcError('not-found', `There is no partner ${replacing} to edit: it may have been deleted.`, [], {
          reason: 'partners.gone',
          params: { domain: replacing },
        });
      const next = position >= 0 ? current.map((p, i) => (i === position ? partner : p)) : [...current, partner];
      const index = position >= 0 ? position : next.length - 1;
      const issues = listIssues(next, [index], () => ['partner'], tx.get('topology'));
      if (issues.length > 0) throw new RpcError('refused', issues.map((issue) => issue.message).join(' '), issues);
      tx.set('partners', next);
      return next;
    });
  }

  remove(domain: string): Partner[] {
    return this.store.update((tx) => {
      const current = tx.get('partners');
      if (!current.some((p) => p.domain === domain))
        throw new RpcError('not-found', `There is no partner ${domain}.`, [], { reason: 'partners.not-found', params: { domain } });
      const next = current.filter((p) => p.domain !== domain);
      tx.set('partners', next);
      return next;
    });
  }

  /** Imported partners replace the ones with the same primary domain; the rest are added. */
  import(partners: Partner[]): Partner[] {
    const imported = new Set(partners.map((p) => p.domain));
    return this.store.update((tx) => {
      const kept = tx.get('partners').filter((p) => !imported.has(p.domain));
      const next = [...kept, ...partners];
      const issues = listIssues(
        next,
        partners.map((_, i) => kept.length + i),
        (index) => ['partners', index - kept.length],
        tx.get('topology'),
      );
      if (issues.length > 0)
        throw new RpcError('refused', `Nothing was imported: ${issues.map((issue) => issue.message).join(' ')}`, issues);
      tx.set('partners', next);
      return next;
    });
  }

  export(format: 'json' | 'powershell'): { text: string; fileName: string } {
    const partners = this.list();
    return format === 'json'
      ? { text: partnersAsJson(partners), fileName: 'xmpp-partners.json' }
      : { text: partnersAsPowerShell(partners), fileName: 'xmpp-partners.ps1' };
  }
}
