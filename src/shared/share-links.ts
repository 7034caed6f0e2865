/** Where a reader shares a public page (news, a campaign): LINE (the app Thai readers use most) and Facebook. */
export function shareLinks(url: string): { line: string; facebook: string } {
  const encoded = encodeURIComponent(url);
  return {
    line: `https://social-plugins.line.me/lineit/share?url=${encoded}`,
    facebook: `https://www.facebook.com/sharer/sharer.php?u=${encoded}`,
  };
}
