/**
 * CloudFront Function (cloudfront-js-2.0, viewer request) on the S3 behaviour only: a path whose last segment
 * has no dot is a client-side route of the SPA and gets the app shell. This replaces distribution-wide custom
 * error responses (403/404 → /index.html), which would also rewrite the API's own 403/404 answers into 200 HTML.
 */
export const spaRewriteSource = `function handler(event) {
  var request = event.request;
  var lastSegment = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (lastSegment.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}`;
