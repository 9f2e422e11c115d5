@echo off
rem Kyso Agent command line: kyso tokens, kyso sign, kyso verify, kyso serve, ... (kyso help lists them).
rem Runs on the Java recorded at install time (HKLM\SOFTWARE\Kyso\Kyso Agent, JavaHome), else java on PATH.
setlocal
set "KYSO_HOME=%~dp0.."
set "JAVA_EXE=java"
for /f "tokens=2,*" %%a in ('reg query "HKLM\SOFTWARE\Kyso\Kyso Agent" /v JavaHome 2^>nul ^| find "JavaHome"') do set "JAVA_EXE=%%b\bin\java.exe"
"%JAVA_EXE%" -Dfile.encoding=UTF-8 -cp "%KYSO_HOME%\lib\*" vn.kyso.cli.Main %*
exit /b %ERRORLEVEL%
