"""Lead capture at the edge: origins, request bodies, field values, attribution, spam, captcha, pages."""
