// Submission channels: the one interface every wire to a payer (PAS, X12 278) implements.
export { ChannelError } from './channel.ts';
export type {
  AnswerDocument,
  ChannelDecision,
  ChannelName,
  InformationAnswer,
  RequestedInformation,
  SubmissionChannel,
  SubmissionRequest,
} from './channel.ts';
