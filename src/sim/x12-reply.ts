// The envelope of the simulated payer's X12 replies (the 278 response, the 999 to a 275): addressed back to the
// sender, with the next of the simulator's control numbers as the interchange, group and transaction set number.
import { buildInterchange, DEFAULT_DELIMITERS, type Segment } from '../core/x12/index.ts';

let controlNumber = 0;

/** The next control number, wrapping before ISA13's nine digits run out. */
export function nextControlNumber(): number {
  controlNumber = (controlNumber % 999_999_999) + 1;
  return controlNumber;
}

export function replyInterchange(
  to: { senderId: string; receiverId: string },
  control: number,
  group: { functionalIdCode: string; version: string },
  sets: Segment[][],
  now: Date,
): string {
  return buildInterchange(
    {
      senderId: to.receiverId,
      receiverId: to.senderId,
      interchangeControlNumber: control,
      groupControlNumber: control,
      usage: 'T',
      createdAt: now,
      ...group,
    },
    sets,
    DEFAULT_DELIMITERS,
  );
}
