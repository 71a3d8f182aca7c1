// URLs come from GitHub's API, but they end up inside markdown links: only http(s), and nothing that could
// close the link or open markup.
export function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined || !/^https?:\/\/[^\s]+$/i.test(url)) return undefined;
  return url.replace(
    /[()<>"'`\\[\]]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}
