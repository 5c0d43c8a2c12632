// Appeals after a denial: the clocks per line of business (each figure with its regulation), the peer-to-peer window
// (payer policy), the rules of an appeal's steps, and a new attempt's changed order.
export { decideAppeal, fileAppeal, openAppeal, viewAppeal } from './appeal.ts';
export type { AppealDecision, AppealRecord, AppealState, AppealView, OpenAppealInput } from './appeal.ts';
export { withOrderCode } from './attempt.ts';
export { attemptOf, authorizationOf } from './authorization.ts';
export type { Authorization } from './authorization.ts';
export type { ChangedOrder } from './attempt.ts';
export { APPEAL_KINDS, appealClock, appealLadder, decisionDueAt, nextAppealLevel } from './clocks.ts';
export type { AppealClock, AppealClockInput, AppealKind, DecisionWindow } from './clocks.ts';
export { peerToPeerWindow } from './peer-to-peer.ts';
export type { PeerToPeerInput, PeerToPeerPolicy, PeerToPeerWindow } from './peer-to-peer.ts';
