// Errors the application's ports raise, so that routes can answer them without knowing the storage behind the port.

/** The organization has no such case (or submission): answered 404. */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}
