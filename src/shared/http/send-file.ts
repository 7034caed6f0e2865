/** Sending an uploaded file back. */
import type { Response } from 'express';

/** Sends a stored file as a download: never rendered inline, never sniffed by the browser. */
export function sendFile(res: Response, file: { filename: string; contentType: string; content: Buffer }): void {
  res.set('X-Content-Type-Options', 'nosniff');
  res.set('Content-Security-Policy', "default-src 'none'; sandbox");
  res.type(file.contentType).attachment(file.filename).send(file.content);
}
