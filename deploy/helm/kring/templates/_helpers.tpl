{{- define "kring.env" -}}
- name: DJANGO_SETTINGS_MODULE
  value: kring.config.settings
- name: KRING_SECRET_KEY_FILE
  value: /run/secrets/kring/secret-key
- name: KRING_AUDIT_KEY_FILE
  value: /run/secrets/kring/audit-key
- name: DATABASE_URL_FILE
  value: /run/secrets/kring/database-url
- name: KRING_S3_SECRET_ACCESS_KEY_FILE
  value: /run/secrets/kring/s3-secret-access-key
- name: KRING_DB_POOL_MAX_SIZE
  value: {{ .Values.database.poolMaxSize | quote }}
{{- range $name, $value := .Values.settings }}
- name: {{ $name }}
  value: {{ $value | quote }}
{{- end }}
{{- end -}}

{{- define "kring.securityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities: {drop: [ALL]}
seccompProfile: {type: RuntimeDefault}
{{- end -}}

{{- define "kring.volumes" -}}
- name: secrets
  secret: {secretName: {{ .Values.secretName }}}
- name: tmp
  emptyDir: {medium: Memory, sizeLimit: 64Mi}
{{- end -}}

{{- define "kring.mounts" -}}
- {name: secrets, mountPath: /run/secrets/kring, readOnly: true}
- {name: tmp, mountPath: /tmp}
{{- end -}}

{{- define "kring.job" -}}
restartPolicy: OnFailure
securityContext: {fsGroup: 10001}
containers:
  - name: {{ .name }}
    image: "{{ .root.Values.image.repository }}:{{ .root.Values.image.tag }}"
    command: {{ toJson .command }}
    env: {{- include "kring.env" .root | nindent 6 }}
    securityContext: {{- include "kring.securityContext" .root | nindent 6 }}
    volumeMounts: {{- include "kring.mounts" .root | nindent 6 }}
volumes: {{- include "kring.volumes" .root | nindent 2 }}
{{- end -}}
