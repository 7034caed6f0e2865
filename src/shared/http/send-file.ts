/** Sending an uploaded file back. */
import type { Response } from 'express';

/** Sends a stored file as a download: never rendered inline, never sniffed by the browser. */
export function sendFile(res: Response, file: { filename: string; contentType: string; content: Buffer }): void {
  res.set('X-Content-Type-Options', 'nosniff');
  res.set('Content-Security-Policy', "default-src 'none'; sandbox");
  res.type(file.contentType).attachment(file.filename).send(file.content);
}

/**
 * Sends a stored PNG or JPEG to be shown in a page (a news photo): inline, never sniffed, cached
 * for a day. Only the two picture types reach here; anything else is sent as a download.
 */
export function sendImage(res: Response, file: { filename: string; contentType: string; content: Buffer }): void {
  if (file.contentType !== 'image/png' && file.contentType !== 'image/jpeg') return sendFile(res, file);
  res.set('X-Content-Type-Options', 'nosniff');
  res.set('Content-Security-Policy', "default-src 'none'; sandbox");
  res.set('Cache-Control', 'public, max-age=86400');
  res.type(file.contentType).send(file.content);
}
