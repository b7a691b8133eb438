{{- define "bench.labels" -}}
app.kubernetes.io/name: {{ .tier }}
app.kubernetes.io/instance: {{ .tier }}
app.kubernetes.io/part-of: {{ .platform }}
app.kubernetes.io/managed-by: keelson
keelson.dev/environment: {{ .env }}
keelson.dev/tier: {{ .tier }}
{{- end -}}
{{- define "bench.nslabels" -}}
app.kubernetes.io/name: {{ .Values.platform }}
app.kubernetes.io/part-of: {{ .Values.platform }}
app.kubernetes.io/managed-by: keelson
keelson.dev/environment: {{ .Values.environment }}
{{- end -}}
