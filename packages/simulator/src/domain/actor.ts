/** Who performs a change: the login it is attributed to, and the App it went through, if any. */
export interface Actor {
  login: string;
  viaAppId?: number;
}
