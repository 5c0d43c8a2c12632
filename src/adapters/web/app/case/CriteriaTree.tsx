// The determination as the policy's criteria tree: groups keep their all / any / at-least / not structure, and each
// criterion shows its verdict (in words), the reason that decided it, and its evidence. A quote from a note is a
// button that opens the note with the span highlighted.
import { CRITERION_LABELS } from '../format.ts';
import type { Citation, CriterionNode, CriterionResult } from '../types.ts';

export interface OpenQuote {
  (citation: Citation, opener: HTMLElement): void;
}

function groupLabel(node: CriterionNode): string | undefined {
  if (node.all) return 'All of the following';
  if (node.any) return 'Any one of the following';
  if (node.atLeast) return `At least ${String(node.atLeast.n)} of the following`;
  if (node.not) return 'Not the following';
  return undefined;
}

const childrenOf = (node: CriterionNode): CriterionNode[] => [
  ...(node.all ?? []),
  ...(node.any ?? []),
  ...(node.atLeast?.of ?? []),
  ...(node.not ? [node.not] : []),
];

export function CriteriaTree({
  root,
  results,
  onQuote,
}: {
  root: CriterionNode | undefined;
  results: CriterionResult[];
  onQuote: OpenQuote;
}) {
  const byId = new Map(results.map((r) => [r.id, r]));
  // Results the tree does not hold (exceptions, exclusions, or a tree unavailable) are listed after it, flat.
  const inTree = new Set<string>();
  const walk = (n: CriterionNode) => {
    inTree.add(n.id);
    childrenOf(n).forEach(walk);
  };
  if (root) walk(root);
  const others = results.filter((r) => !inTree.has(r.id));
  return (
    <>
      {root && (
        <ul className="criteria tree">
          <Node node={root} byId={byId} onQuote={onQuote} />
        </ul>
      )}
      {others.length > 0 && (
        <>
          {root && <h3>Exceptions and exclusions</h3>}
          <ul className="criteria">
            {others.map((r) => (
              <li key={r.id}>
                <Verdict result={r} text={r.text} onQuote={onQuote} />
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function Node({
  node,
  byId,
  onQuote,
}: {
  node: CriterionNode;
  byId: Map<string, CriterionResult>;
  onQuote: OpenQuote;
}) {
  const result = byId.get(node.id);
  const label = groupLabel(node);
  return (
    <li className={label ? 'group' : 'leaf'}>
      <Verdict result={result} text={node.text} onQuote={onQuote} group={label} />
      {label && (
        <ul>
          {childrenOf(node).map((child) => (
            <Node key={child.id} node={child} byId={byId} onQuote={onQuote} />
          ))}
        </ul>
      )}
    </li>
  );
}

function Verdict({
  result,
  text,
  group,
  onQuote,
}: {
  result: CriterionResult | undefined;
  text: string;
  group?: string;
  onQuote: OpenQuote;
}) {
  const status = result?.status;
  return (
    <div className="criterion" data-criterion={result?.id}>
      <p className="criterion-head">
        <span className={`badge criterion-${status ?? 'none'}`}>
          {status ? CRITERION_LABELS[status] : 'Not evaluated'}
        </span>{' '}
        <span className="criterion-text">{text}</span>
        {group && <span className="group-kind"> — {group}:</span>}
      </p>
      {result?.reason && <p className="reason">Why: {result.reason}</p>}
      {result && result.evidence.length > 0 && (
        <ul className="evidence" aria-label="Evidence">
          {result.evidence.map((citation, index) => (
            <li key={`${citation.reference}:${String(citation.start ?? index)}`}>
              {citation.start !== undefined && citation.end !== undefined ? (
                <button type="button" className="quote" onClick={(e) => onQuote(citation, e.currentTarget)}>
                  “{citation.text}”
                  <span className="visually-hidden"> (open the note with this passage highlighted)</span>
                </button>
              ) : (
                <span className="coded">{citation.text}</span>
              )}{' '}
              <span className="source">{citation.reference}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
