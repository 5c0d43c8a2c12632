// Email out through SMTP with nodemailer (KLIVIRA_SMTP_URL, e.g. smtps://user:pass@mail.example.org, and
// KLIVIRA_MAIL_FROM). A permanent SMTP refusal (5xx: no such mailbox) is not retried; anything else is.
import nodemailer, { type Transporter } from 'nodemailer';
import { DeliveryError, type Mailer, type OutgoingMail } from '../../app/notification-ports.ts';

export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    // Bounded, so that a send ends well within the delivery's claim (NotificationDeps.claimMs) and is not taken over.
    this.transport = nodemailer.createTransport({
      url: smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(mail: OutgoingMail): Promise<void> {
    try {
      await this.transport.sendMail({ from: this.from, ...mail });
    } catch (error) {
      const code = (error as { responseCode?: unknown }).responseCode;
      const permanent = typeof code === 'number' && code >= 500 && code < 600;
      throw new DeliveryError(
        `email not sent: ${error instanceof Error ? error.message : 'unknown failure'}`,
        !permanent,
      );
    }
  }

  close(): void {
    this.transport.close();
  }
}
