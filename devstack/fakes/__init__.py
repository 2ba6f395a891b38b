"""Local stand-ins for the ad platforms (Google Ads, Google's OAuth token endpoint, Meta's Graph API):
threaded HTTP servers that check each request against the documented format, answer as the platform
does (partial failures included), can be told to fail (429, 500, a timeout), and keep a log of what
they received at `GET /__log`. The local stack points the functions at them; the tests and the bench
use the same servers."""
